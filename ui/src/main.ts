import { mount } from 'svelte';
import App from './App.svelte';
import { begin } from './lib/launch';
import './app.css';

begin();
mount(App, { target: document.getElementById('app')! });
